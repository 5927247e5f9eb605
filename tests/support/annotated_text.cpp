#include "annotated_text.h"

#include <cctype>

namespace dalec::testing {

AnnotatedText::AnnotatedText(const std::string& in) {
  std::vector<std::pair<std::string, std::size_t>> open;
  for (std::size_t i = 0; i < in.size();) {
    // $name[[ or $name^ (a '$' followed by an identifier and a marker); "${" is left alone.
    if (in[i] == '$' && i + 1 < in.size() && (std::isalpha(static_cast<unsigned char>(in[i + 1])) || in[i + 1] == '_')) {
      std::size_t j = i + 1;
      while (j < in.size() && (std::isalnum(static_cast<unsigned char>(in[j])) || in[j] == '_')) ++j;
      if (in.compare(j, 2, "[[") == 0) {
        open.push_back({in.substr(i + 1, j - i - 1), text_.size()});
        i = j + 2;
        continue;
      }
      if (j < in.size() && in[j] == '^') {
        points_[in.substr(i + 1, j - i - 1)] = text_.size();
        i = j + 1;
        continue;
      }
    }
    if (in.compare(i, 2, "[[") == 0) {
      open.push_back({"", text_.size()});
      i += 2;
      continue;
    }
    // In a run of an odd number of ']' the first belongs to the text: "[a, b]]]" closes after "]".
    if (in[i] == ']') {
      std::size_t run = 0;
      while (i + run < in.size() && in[i + run] == ']') ++run;
      if (run % 2 == 1) {
        text_ += in[i++];
        continue;
      }
    }
    if (in.compare(i, 2, "]]") == 0 && !open.empty()) {
      ranges_.insert({open.back().first, ByteRange{open.back().second, text_.size()}});
      open.pop_back();
      i += 2;
      continue;
    }
    text_ += in[i++];
  }
  if (!open.empty()) throw std::invalid_argument("unclosed [[ in annotated text");
}

ByteRange AnnotatedText::range(const std::string& name) const {
  auto found = ranges_.equal_range(name);
  if (found.first == found.second) throw std::out_of_range("no range named '" + name + "'");
  if (std::next(found.first) != found.second) throw std::out_of_range("several ranges named '" + name + "'");
  return found.first->second;
}

std::vector<ByteRange> AnnotatedText::ranges(const std::string& name) const {
  std::vector<ByteRange> out;
  for (auto [it, end] = ranges_.equal_range(name); it != end; ++it) out.push_back(it->second);
  return out;
}

std::size_t AnnotatedText::point(const std::string& name) const {
  auto it = points_.find(name);
  if (it == points_.end()) throw std::out_of_range("no point named '" + name + "'");
  return it->second;
}

}  // namespace dalec::testing
