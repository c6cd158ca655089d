// Page glue for the Echelon app: capability checks, a loading indicator with download progress,
// the font, clipboard paste, touch input, and a clear message when something goes wrong.
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

  // ---- Scenario in the link, autosave, files ----
  function toBase64Url(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64Url(text) {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  async function pipeThrough(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }
  // #z=<gzip, base64url> where the browser can compress, else #j=<base64url>.
  async function linkFor(json) {
    const bytes = new TextEncoder().encode(json);
    if (typeof CompressionStream === 'function') {
      return location.origin + location.pathname + '#z=' + toBase64Url(await pipeThrough(bytes, new CompressionStream('gzip')));
    }
    return location.origin + location.pathname + '#j=' + toBase64Url(bytes);
  }
  // A link's scenario is decompressed with a byte counter: a small link must not expand into
  // more than the 64 MiB a file may have.
  const maxLinkBytes = 64 * 1024 * 1024;
  async function inflateCounted(bytes) {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    const parts = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxLinkBytes) {
        await reader.cancel();
        throw new Error('it expands to more than 64 MiB');
      }
      parts.push(value);
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) { out.set(part, offset); offset += part.length; }
    return out;
  }
  async function scenarioFromHash(hash) {
    if (hash.length > 4 * maxLinkBytes / 3 + 16) throw new Error('it is longer than a 64 MiB scenario could be');
    if (hash.startsWith('#z=')) return new TextDecoder().decode(await inflateCounted(fromBase64Url(hash.slice(3))));
    if (hash.startsWith('#j=')) return new TextDecoder().decode(fromBase64Url(hash.slice(3)));
    return '';
  }
  // When the page opens with a link and there is autosaved work too, the app asks which one to
  // keep (it compares the two scenarios), so the autosave and when it was made go along.
  function savedWork() {
    try {
      const text = localStorage.getItem('echelon.autosave') || '';
      const at = Number(localStorage.getItem('echelon.autosave.saved-at'));
      const when = at > 0 ? new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
      return { text, when };
    } catch (error) { return { text: '', when: '' }; }  // storage may be disabled
  }
  const startupScenario = (async () => {
    try {
      const fromLink = await scenarioFromHash(location.hash || '');
      if (fromLink) {
        const saved = savedWork();
        return { text: fromLink, source: 'link', autosave: saved.text, autosaveWhen: saved.when };
      }
    } catch (error) {
      // The status line says so once the app runs; the autosave (or the default) opens instead.
      Module.echelonStartupProblem = 'the scenario in this link could not be read (' + (error && error.message ? error.message : error) +
                                     '); opened your last work instead';
      console.warn('Echelon: ' + Module.echelonStartupProblem);
    }
    try {
      const saved = localStorage.getItem('echelon.autosave');
      if (saved) return { text: saved, source: 'restored' };
    } catch (error) { /* storage may be disabled */ }
    return { text: '', source: '' };
  })();

  window.echelonCopyLink = async function (json) {
    const link = await linkFor(json);
    history.replaceState(null, '', link);
    window.echelonLastLink = link;
    let status = 'link copied to the clipboard';
    try {
      await navigator.clipboard.writeText(link);
    } catch (error) {
      status = 'the clipboard refused the link: it is in the address bar, copy it from there';
    }
    Module.ccall('echelon_set_status', null, ['string'], [status]);
  };
  window.echelonSaveFile = function (name, text, mime) {
    const url = URL.createObjectURL(new Blob([text], { type: mime || 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const fileInput = document.createElement('input');
  fileInput.type = 'file';
  fileInput.accept = '.json,.csv,.txt';
  fileInput.style.display = 'none';
  document.body.appendChild(fileInput);
  // A file's text goes into memory allocated with malloc and is handed over as pointer and
  // length (never as a ccall string, which is copied onto the 5 MiB stack); the 64 MiB limit is
  // checked before anything is copied.
  const maxFileBytes = 64 * 1024 * 1024;
  function refuseFile(name, reason) {
    Module.ccall('echelon_refuse_file', null, ['string', 'string'], [name.slice(0, 200), reason]);
    return 0;
  }
  // Copies `text` into the heap and calls use(ptr, bytes); refuses it (as `name`) past the limit
  // or when memory runs out. Files and pasted text both enter this way.
  function withTextInHeap(name, text, use) {
    const bytes = Module.lengthBytesUTF8(text);
    if (bytes > maxFileBytes) return refuseFile(name, `it is ${(bytes / 1048576).toFixed(1)} MiB and up to 64 MiB can be read`);
    const ptr = Module._malloc(bytes + 1);
    if (!ptr) return refuseFile(name, 'there is not enough memory to read it');
    try {
      Module.stringToUTF8(text, ptr, bytes + 1);
      return use(ptr, bytes);
    } finally {
      Module._free(ptr);
    }
  }
  function openText(name, text) {
    return withTextInHeap(name, text, (ptr, bytes) =>
      Module.ccall('echelon_open_bytes', 'number', ['string', 'number', 'number'], [name.slice(0, 200), ptr, bytes]));
  }
  function openPickedFile(file) {
    if (file.size > maxFileBytes) {
      refuseFile(file.name, `it is ${(file.size / 1048576).toFixed(1)} MiB and files up to 64 MiB open`);
      return;
    }
    file.text().then((text) => openText(file.name, text), (error) => refuseFile(file.name, String(error)));
  }
  window.echelonOpenText = openText;
  // A sample served beside the page; a failed download says so on the status line.
  window.echelonOpenExample = function (file) {
    fetch('assets/scenarios/' + encodeURIComponent(file))
      .then((response) => {
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        return response.text();
      })
      .then((text) => openText(file, text), (error) => refuseFile(file, `it could not be downloaded (${error.message || error})`));
  };
  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    openPickedFile(file);
    fileInput.value = '';
  });
  window.echelonOpenFile = function () { fileInput.click(); };
  // Dropping a file on the page opens it too.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files[0];
    if (!file) return;
    openPickedFile(file);
  });

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
      Module.addRunDependency('echelon-startup');
      startupScenario.then(({ text, source, autosave, autosaveWhen }) => {
        Module.echelonStartupScenario = text;
        Module.echelonStartupSource = source;
        Module.echelonStartupAutosave = autosave || '';
        Module.echelonStartupAutosaveWhen = autosaveWhen || '';
        Module.removeRunDependency('echelon-startup');
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

  // ---- Touch: one finger acts as the mouse, two fingers pinch to zoom ----
  // The GLFW emulation turns a touch into a button press without a position, so drags never
  // reach the app. Touches on the canvas are caught first (window, capture phase) and replayed
  // as the mouse and wheel events the app reads; the emulation's own touch handlers never run.
  (function touchAsMouse() {
    const canvas = document.getElementById('canvas');
    const WHEEL_STEP = Math.log(1.15);  // the canvas zooms 1.15x per wheel line of 100 pixels
    let finger = null;       // identifier of the finger acting as the mouse
    let last = null;         // its last position, for the release
    let pinchDistance = 0;   // > 0 while two fingers are down
    let waitForLift = false; // after a pinch, ignore the remaining finger until all are lifted
    function mouse(type, x, y) {
      canvas.dispatchEvent(new MouseEvent(type, {
        clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1,
        bubbles: true, cancelable: true, view: window,
      }));
    }
    function find(list, id) {
      for (let i = 0; i < list.length; i++) if (list[i].identifier === id) return list[i];
      return null;
    }
    function release() {
      if (finger !== null && last) mouse('mouseup', last.x, last.y);
      finger = null;
    }
    function onTouch(event) {
      if (event.target !== canvas) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const touches = event.touches;
      if (touches.length >= 2) {
        release();
        waitForLift = true;
        const a = touches[0], b = touches[1];
        const distance = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
        const x = (a.clientX + b.clientX) / 2, y = (a.clientY + b.clientY) / 2;
        if (pinchDistance > 0 && distance > 0) {
          const lines = Math.log(distance / pinchDistance) / WHEEL_STEP;
          canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true, view: window }));
          canvas.dispatchEvent(new WheelEvent('wheel', {
            clientX: x, clientY: y, deltaY: -100 * lines, deltaMode: 0, bubbles: true, cancelable: true, view: window,
          }));
        }
        pinchDistance = distance;
        return;
      }
      pinchDistance = 0;
      if (touches.length === 0) waitForLift = false;
      if (waitForLift) return;
      if (event.type === 'touchstart' && finger === null && touches.length === 1) {
        const t = touches[0];
        finger = t.identifier;
        last = { x: t.clientX, y: t.clientY };
        mouse('mousemove', last.x, last.y);  // the press must land where the finger is
        mouse('mousedown', last.x, last.y);
      } else if (event.type === 'touchmove' && finger !== null) {
        const t = find(event.changedTouches, finger);
        if (t) {
          last = { x: t.clientX, y: t.clientY };
          mouse('mousemove', last.x, last.y);
        }
      } else if ((event.type === 'touchend' || event.type === 'touchcancel') && finger !== null) {
        const t = find(event.changedTouches, finger);
        if (t) last = { x: t.clientX, y: t.clientY };
        if (t) release();
      }
    }
    for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
      window.addEventListener(type, onTouch, { capture: true, passive: false });
    }
  })();

  window.addEventListener('resize', () => { if (Module._echelon_wake) Module._echelon_wake(3); });
  // Clipboard: the GLFW emulation has none, so a paste reaches ImGui through the DOM event.
  // A pasted table may be as large as a file: it is copied into the heap (pointer and length),
  // never through the stack, and refused with a message beyond the files' limit.
  document.addEventListener('paste', (event) => {
    const text = (event.clipboardData || window.clipboardData).getData('text');
    if (!Module._echelon_set_clipboard) return;
    withTextInHeap('pasted text', text, (ptr, bytes) => Module._echelon_set_clipboard(ptr, bytes));
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
