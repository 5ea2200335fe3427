// Whole-file reads for the front ends' parsers.
#include "knightsim/text_file.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace knightsim {

std::optional<std::string> read_text_file(const std::string& path, std::string& error) {
  struct Closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  errno = 0;
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  std::string text;
  bool ok = file != nullptr;
  if (ok) {
    std::array<char, 65536> buffer;
    std::size_t count = 0;
    while ((count = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
      text.append(buffer.data(), count);
    }
    ok = std::ferror(file.get()) == 0;
  }
  if (!ok) {
    error = std::strerror(errno != 0 ? errno : EIO);
    return std::nullopt;
  }
  return text;
}

}  // namespace knightsim
