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
  std::cout << out.dump(2) << "\n";
  std::cerr << "echelon: invalid input" << (file.empty() ? "" : " in " + file) << " (" << problems.size()
            << (problems.size() == 1 ? " problem" : " problems") << ")\n"
            << describe(problems) << "\n";
  return kExitInvalidInput;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "echelon: cannot open " << path << "\n";
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace echelon::cli
