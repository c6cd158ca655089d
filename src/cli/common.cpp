#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"

namespace echelon::cli {

nlohmann::json problems_json(const Problems& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : problems) list.push_back({{"path", p.path}, {"message", p.message}});
  return list;
}

int report_invalid(const Problems& problems, const std::string& file) {
  nlohmann::json out{{"ok", false}, {"problems", problems_json(problems)}};
  if (!file.empty()) out["file"] = file;
  std::cout << json_text(out) << "\n";
  std::cerr << "echelon: invalid input" << (file.empty() ? "" : " in " + file) << " (" << problems.size()
            << (problems.size() == 1 ? " problem" : " problems") << ")\n"
            << describe(problems) << "\n";
  return kExitInvalidInput;
}

std::optional<std::string> read_file(const std::string& path) {
  // The size is checked before reading: every reader refuses more than 64 MiB anyway, and a
  // file of gigabytes must not be read into memory first.
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  if (!error && bytes > kMaxInputBytes) {
    report_invalid({{"", "the file is " + std::to_string(bytes) + " bytes; the limit is " + std::to_string(kMaxInputBytes)}},
                   path);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report_invalid({{"", "cannot open the file"}}, path);
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace echelon::cli
