// A character that may not follow an anchor or alias name: libfyaml 0.7.12 reports it as many
// characters later as the name is long (a no-break space after `&src` landed on the next line);
// yaml/anchor_name_error.cpp puts the error on the character.
#include <gtest/gtest.h>

#include "annotated_text.h"
#include "yaml/error_recovery.h"

namespace dalec::yaml {
namespace {

using testing::AnnotatedText;

struct Case {
  const char* text;
  const char* message;
};

TEST(YamlAnchorNameError, TheErrorIsOnTheCharacterThatEndsTheName) {
  const Case cases[] = {
      {"name: x\nsources:\n  a: &src$bad[[\xc2\xa0]]\n    inline: {}\n", "illegal unicode space character in anchor"},
      {"name: x\nbuild: *abcdefgh$bad[[\x01]]", "illegal unicode control character in alias"},
      {"a: &ab$bad[[\x01]]\nb: 1\n", "illegal unicode control character in anchor"},
      {"a: [*x, *long_alias_name$bad[[\xe2\x80\x83]] ]\n", "illegal unicode space character in alias"},
      // Earlier '&' and '*' that end well, and one in a quoted scalar, are not taken for it.
      {"a: &ok 1\nq: \"&no\xc2\xa0\"\nb: *ok\nc: &bad_name$bad[[\xe3\x80\x80]]x\n", "illegal unicode space character in anchor"},
      // An empty name is reported at the character itself; a `*` before a control character in a
      // plain scalar two lines up is no alias (it took the error, and recovery blanked its line).
      {"a: 1 *-\xc2\x85\nk: v\nc: *$bad[[\xc2\xa0]]\n", "illegal unicode space character in alias"},
      // Counted on in code points, `\r\n` as one: reported at the next line's second character.
      {"a: *\xc3\xa9" "bc$bad[[\xc2\xa0]]\r\nb: 1\n", "illegal unicode space character in alias"},
  };
  for (const Case& c : cases) {
    AnnotatedText t(c.text);
    const auto doc = parse(t.text());
    ASSERT_FALSE(doc->errors().empty()) << c.text;
    EXPECT_EQ(doc->errors().front().range, t.range("bad")) << c.text;
    EXPECT_EQ(doc->errors().front().message, c.message) << c.text;
  }
}

TEST(YamlAnchorNameError, OtherErrorsAreLeftWhereLibfyamlPutsThem) {
  AnnotatedText t("a: &x 1\nb: \"open$at[[]]\n");
  const auto doc = parse(t.text());
  ASSERT_EQ(doc->errors().size(), 1u);
  EXPECT_EQ(doc->errors().front().message, "double-quoted scalar without closing quote");
}

}  // namespace
}  // namespace dalec::yaml
