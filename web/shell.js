// Page glue for the Echelon app: capability checks, a loading indicator with download progress,
// the font, clipboard paste, and a clear message when something goes wrong.
(function () {
  'use strict';
  const statusEl = document.getElementById('status');
  const detailEl = document.getElementById('detail');
  const progressEl = document.getElementById('progress');
  const overlay = document.getElementById('overlay');

  function fail(title, detail) {
    overlay.classList.remove('hidden');
    overlay.querySelector('.card').classList.add('error');
    statusEl.textContent = title;
    detailEl.textContent = detail || '';
    progressEl.parentElement.style.display = 'none';
  }
  window.echelonFail = fail;

  // Capabilities first: say plainly what is missing instead of showing a blank page.
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('This browser cannot run WebAssembly.',
         'Echelon runs entirely in your browser and needs WebAssembly. Please use a current version of Chrome, Edge, Firefox or Safari.');
    return;
  }
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    fail('WebGL 2 is not available.',
         'Echelon draws with WebGL 2. It may be switched off in this browser or blocked by its graphics settings; please enable hardware acceleration or try another browser.');
    return;
  }

  const downloads = { wasm: { loaded: 0, total: 0 }, font: { loaded: 0, total: 0 } };
  function showProgress() {
    const loaded = downloads.wasm.loaded + downloads.font.loaded;
    const total = downloads.wasm.total + downloads.font.total;
    if (total > 0) progressEl.style.width = Math.min(100, (100 * loaded) / total).toFixed(1) + '%';
    detailEl.textContent = total > 0
      ? (loaded / 1048576).toFixed(1) + ' of ' + (total / 1048576).toFixed(1) + ' MB'
      : (loaded / 1048576).toFixed(1) + ' MB';
  }

  // Downloads a file with progress events; resolves to its bytes.
  function download(url, slot) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('GET', url);
      request.responseType = 'arraybuffer';
      request.onprogress = (event) => {
        slot.loaded = event.loaded;
        if (event.lengthComputable) slot.total = event.total;
        showProgress();
      };
      request.onload = () => {
        if (request.status !== 200) { reject(new Error(url + ': HTTP ' + request.status)); return; }
        const bytes = new Uint8Array(request.response);
        slot.loaded = slot.total = bytes.length;
        showProgress();
        resolve(bytes);
      };
      request.onerror = () => reject(new Error(url + ': the download failed'));
      request.send();
    });
  }

  const wasmBytes = download('app.wasm', downloads.wasm);
  // The UI font is optional: without it the app falls back to ImGui's built-in font.
  const fontBytes = download('fonts/ui.ttf', downloads.font).catch(() => null);

  const Module = {
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    preRun: [function () {
      Module.addRunDependency('echelon-font');
      fontBytes.then((bytes) => {
        Module.echelonFont = bytes;
        Module.removeRunDependency('echelon-font');
      });
    }],
    instantiateWasm: function (imports, receiveInstance) {
      wasmBytes
        .then((bytes) => { statusEl.textContent = 'Starting…'; return WebAssembly.instantiate(bytes, imports); })
        .then((result) => receiveInstance(result.instance, result.module))
        .catch((error) => fail('The planning engine could not be loaded.', String(error)));
      return {};
    },
    onEchelonFirstFrame: function () {
      window.echelonFirstFrameMs = performance.now();
      overlay.classList.add('hidden');
      window.echelonReady = true;
      document.getElementById('canvas').focus();
      window.dispatchEvent(new Event('echelon-ready'));
    },
    onAbort: function (what) {
      fail('The planning engine stopped.', String(what || '') + ' Reloading the page starts it again.');
    },
  };
  window.Module = Module;

  window.addEventListener('resize', () => { if (Module._echelon_wake) Module._echelon_wake(3); });
  // Clipboard: the GLFW emulation has none, so a paste reaches ImGui through the DOM event.
  document.addEventListener('paste', (event) => {
    const text = (event.clipboardData || window.clipboardData).getData('text');
    if (Module.ccall) Module.ccall('echelon_set_clipboard', null, ['string'], [text]);
  });
  window.addEventListener('error', (event) => {
    if (!window.echelonReady) fail('The page failed to start.', String(event.message || event.error));
  });

  const script = document.createElement('script');
  script.src = 'app.js';
  script.async = true;
  script.onerror = () => fail('The planning engine could not be loaded.', 'app.js did not download.');
  document.body.appendChild(script);
})();
