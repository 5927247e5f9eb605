#include "spec/word_expansion.h"

#include <cctype>
#include <stdexcept>
#include <vector>

#include "text/go_quoted.h"
#include "text/utf8.h"

namespace dalec::spec {

namespace {

constexpr int kEnd = -1;

struct LexError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The characters of a string, each a whole UTF-8 sequence: `?` in a pattern matches one of them.
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = std::min(utf8::sequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string joined(const std::vector<std::string_view>& chars, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += chars[i];
  return out;
}

// A shell pattern as BuildKit reads one in ${NAME#p}, ${NAME%p} and ${NAME/p/r}: `*`, `?`, and `\`
// before `*`, `?` or `\` for the character itself; no bracket expressions.
struct PatternToken {
  enum class Kind { Literal, AnyOne, AnyRun } kind;
  std::string_view literal;
};

std::vector<PatternToken> compilePattern(std::string_view pattern) {
  std::vector<PatternToken> tokens;
  const auto chars = characters(pattern);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const std::string_view c = chars[i];
    if (c == "*") {
      tokens.push_back({PatternToken::Kind::AnyRun, {}});
    } else if (c == "?") {
      tokens.push_back({PatternToken::Kind::AnyOne, {}});
    } else if (c == "\\") {
      // `\}` and `\/` only protected the delimiter inside ${...}; the backslash is not the pattern's.
      if (i + 1 < chars.size() && (chars[i + 1] == "}" || chars[i + 1] == "/")) continue;
      if (i + 1 >= chars.size() || (chars[i + 1] != "*" && chars[i + 1] != "?" && chars[i + 1] != "\\"))
        throw LexError("invalid pattern (" + std::string(pattern) + ") in substitution: invalid escape '\\" +
                       (i + 1 < chars.size() ? std::string(chars[i + 1]) : std::string()) + "'");
      tokens.push_back({PatternToken::Kind::Literal, chars[++i]});
    } else {
      tokens.push_back({PatternToken::Kind::Literal, c});
    }
  }
  return tokens;
}

// Whether the whole of chars[from, to) matches the pattern (the classic wildcard walk, backing up
// to the last `*` on a mismatch).
bool matchesWhole(const std::vector<PatternToken>& pattern, const std::vector<std::string_view>& chars, std::size_t from,
                  std::size_t to) {
  std::size_t p = 0, s = from, starP = std::string::npos, starS = 0;
  while (s < to) {
    if (p < pattern.size() && pattern[p].kind == PatternToken::Kind::AnyRun) {
      starP = p++;
      starS = s;
    } else if (p < pattern.size() &&
               (pattern[p].kind == PatternToken::Kind::AnyOne || pattern[p].literal == chars[s])) {
      ++p;
      ++s;
    } else if (starP != std::string::npos) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p].kind == PatternToken::Kind::AnyRun) ++p;
  return p == pattern.size();
}

// ${NAME#p} ${NAME##p} (leading) and ${NAME%p} ${NAME%%p} (trailing): the shortest (longest) part
// at that end matching p removed.
std::string trimMatching(std::string_view pattern, std::string_view value, bool longest, bool trailing) {
  const auto tokens = compilePattern(pattern);
  const auto chars = characters(value);
  const std::size_t n = chars.size();
  for (std::size_t step = 0; step <= n; ++step) {
    const std::size_t length = longest ? n - step : step;
    if (trailing ? matchesWhole(tokens, chars, n - length, n) : matchesWhole(tokens, chars, 0, length))
      return trailing ? joined(chars, 0, n - length) : joined(chars, length, n);
  }
  return std::string(value);
}

// ${NAME/p/r} and ${NAME//p/r}: the leftmost (every) longest match of p replaced by r.
std::string replaceMatches(std::string_view pattern, std::string_view replacement, std::string_view value, bool all) {
  const auto tokens = compilePattern(pattern);
  const auto chars = characters(value);
  const std::size_t n = chars.size();
  std::string out;
  std::size_t copied = 0;
  bool replacedOnce = false;
  std::size_t lastEnd = std::string::npos;
  for (std::size_t start = 0; start <= n;) {
    std::size_t end = std::string::npos;
    for (std::size_t j = n + 1; j-- > start;)
      if (matchesWhole(tokens, chars, start, j)) {
        end = j;
        break;
      }
    // As Go's ReplaceAll: an empty match right after a match is not one.
    if (end == std::string::npos || (end == start && start == lastEnd)) {
      ++start;
      continue;
    }
    out += joined(chars, copied, start);
    out += replacement;
    copied = end;
    lastEnd = end;
    replacedOnce = true;
    if (!all) break;
    start = end > start ? end : start + 1;  // after an empty match, its character stays as it was
  }
  if (!replacedOnce) return std::string(value);
  out += joined(chars, copied, n);
  return out;
}

bool isSpecialParameter(int c) {
  return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!' || c == '0';
}

// One run of BuildKit's word lexer over a value, as Dalec configures it.
class WordLexer {
 public:
  WordLexer(std::string_view word, const ArgLookup& lookup, std::set<std::string>& unmatched)
      : word_(word), lookup_(lookup), unmatched_(unmatched) {}

  std::string run() { return processUntil(kEnd, false); }

 private:
  int peek() const { return pos_ < word_.size() ? static_cast<unsigned char>(word_[pos_]) : kEnd; }
  int next() { return pos_ < word_.size() ? static_cast<unsigned char>(word_[pos_++]) : kEnd; }

  // The text up to `stop` (consumed) or the end; `rawEscapes` keeps the backslashes (patterns).
  std::string processUntil(int stop, bool rawEscapes) {
    std::string result;
    while (peek() != kEnd) {
      const int c = peek();
      if (stop != kEnd && c == stop) {
        next();
        return result;
      }
      if (c == '$') {
        result += processDollar();
        continue;
      }
      if (c == '\'') {
        result += processSingleQuote();
        continue;
      }
      if (c == '"') {
        result += processDoubleQuote(rawEscapes);
        continue;
      }
      int ch = next();
      if (ch == '\\') {
        if (rawEscapes) result += '\\';
        ch = next();
        if (ch == kEnd) break;
      }
      result += static_cast<char>(ch);
    }
    if (stop != kEnd)
      throw LexError(std::string("unexpected end of statement while looking for matching ") + static_cast<char>(stop));
    return result;
  }

  std::string processSingleQuote() {
    next();
    std::string result;
    for (;;) {
      const int ch = next();
      if (ch == kEnd) throw LexError("unexpected end of statement while looking for matching single-quote");
      if (ch == '\'') return result;
      result += static_cast<char>(ch);
    }
  }

  std::string processDoubleQuote(bool rawEscapes) {
    next();
    std::string result;
    for (;;) {
      const int c = peek();
      if (c == kEnd) throw LexError("unexpected end of statement while looking for matching double-quote");
      if (c == '"') {
        next();
        return result;
      }
      if (c == '$') {
        result += processDollar();
        continue;
      }
      int ch = next();
      if (ch == '\\') {
        if (rawEscapes) result += '\\';
        const int after = peek();
        if (after == kEnd) continue;
        if (after == '"' || after == '$' || after == '\\') ch = next();
      }
      result += static_cast<char>(ch);
    }
  }

  std::optional<std::string> value(const std::string& name) {
    auto found = lookup_(name);
    if (!found) unmatched_.insert(name);
    return found;
  }

  std::string processName() {
    std::string name;
    while (peek() != kEnd) {
      const int c = peek();
      if (name.empty() && std::isdigit(c)) {
        while (peek() != kEnd && std::isdigit(peek())) name += static_cast<char>(next());
        return name;
      }
      if (name.empty() && isSpecialParameter(c)) return std::string(1, static_cast<char>(next()));
      // Bytes of non-ASCII characters count as letters, as Go's unicode.IsLetter mostly would.
      if (!std::isalnum(c) && c != '_' && c < 0x80) break;
      name += static_cast<char>(next());
    }
    return name;
  }

  // The word after a modifier up to its `}`, with the lexer's messages for a missing brace.
  std::string processOperand(int stop, bool rawEscapes, const char* missing) {
    try {
      return processUntil(stop, rawEscapes);
    } catch (const LexError&) {
      if (peek() == kEnd) throw LexError(missing);
      throw;
    }
  }

  std::string processDollar() {
    next();
    if (peek() != '{') {
      const std::string name = processName();
      if (name.empty()) return "$";
      auto found = value(name);
      return found ? *found : "$" + name;
    }
    next();
    const int first = peek();
    if (first == kEnd) throw LexError("syntax error: missing '}'");
    if (first == '{' || first == '}' || first == ':') throw LexError("syntax error: bad substitution");
    const std::string name = processName();
    int ch = next();
    std::string modifier = ch == kEnd ? "\xEF\xBF\xBD" : std::string(1, static_cast<char>(ch));
    if (ch == '}') {
      auto found = value(name);
      return found ? *found : "${" + name + "}";
    }
    bool nullIsUnset = false;
    if (ch == ':') {
      nullIsUnset = true;
      ch = next();
      modifier += ch == kEnd ? "\xEF\xBF\xBD" : std::string(1, static_cast<char>(ch));
    }
    if (nullIsUnset || ch == '+' || ch == '-' || ch == '?' || ch == '#' || ch == '%') {
      const bool rawEscapes = ch == '#' || ch == '%';
      if (nullIsUnset && rawEscapes) throw LexError("unsupported modifier (" + modifier + ") in substitution");
      std::string operand = processOperand('}', rawEscapes, "syntax error: missing '}'");
      auto found = value(name);
      if (!found) return "${" + name + modifier + operand + "}";
      const bool empty = nullIsUnset && found->empty();
      switch (ch) {
        case '-': return empty ? operand : *found;
        case '+': return empty ? std::string() : operand;
        case '?':
          if (nullIsUnset && found->empty()) throw LexError(name + ": " + (operand.empty() ? "is not allowed to be empty" : operand));
          return *found;
        case '#':
        case '%': {
          const bool longest = !operand.empty() && operand[0] == ch;
          if (longest) operand.erase(0, 1);
          return trimMatching(operand, *found, longest, ch == '%');
        }
        default: throw LexError("unsupported modifier (" + modifier + ") in substitution");
      }
    }
    if (ch == '/') {
      const bool all = peek() == '/';
      if (all) next();
      const std::string pattern = processOperand('/', true, "syntax error: missing '/' in ${}");
      const std::string replacement = processOperand('}', true, "syntax error: missing '}'");
      auto found = value(name);
      if (!found) return "${" + name + "/" + pattern + "/" + replacement + "}";
      return replaceMatches(pattern, replacement, *found, all);
    }
    throw LexError("unsupported modifier (" + modifier + ") in substitution");
  }

  std::string_view word_;
  std::size_t pos_ = 0;
  const ArgLookup& lookup_;
  std::set<std::string>& unmatched_;
};

}  // namespace

WordExpansion expandWord(std::string_view word, const ArgLookup& lookup) {
  WordExpansion out;
  try {
    out.result = WordLexer(word, lookup, out.unmatched).run();
  } catch (const LexError& error) {
    out.error = "failed to process " + goQuoted(word) + ": " + error.what();
  }
  return out;
}

}  // namespace dalec::spec
