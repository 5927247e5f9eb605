// Fuzzes the incremental re-parse over a chain of edits, as typing makes them: two edits the input
// picks, each re-parsing the tree the one before produced (spliced, or parsed whole), each tree
// compared with a whole parse of its text: any difference aborts. The previous tree is handed over
// (its nodes shifted where they are, as the document store does) or, where the input says, still
// held elsewhere (then copied), so both ways and the switch between them (a tree taken over too
// often is copied once to drop the entries it replaced) meet trees that earlier edits spliced.
// Versions with syntax errors are spliced too when the edit lies before where error recovery read.
// The analysis of each version is spec_edits' (it reads a tree that is the same as a whole parse's).
#include "spec_fuzz_session.h"
#include "yaml/node.h"
#include "yaml_tree_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dalec;
  std::shared_ptr<const yaml::Document> doc = yaml::parse(fuzz::documentText(data, size));
  std::uint64_t seed = fuzz::digest(doc->text());
  for (int edit = 0; edit < 2; ++edit) {
    std::string text = doc->text();
    const fuzz::TypedEdit typed = fuzz::typedEdit(text, seed);
    text.replace(typed.begin, typed.removed, typed.inserted);
    // Held elsewhere (an analysis still being read, in the server) one time in four.
    const std::shared_ptr<const yaml::Document> held = (seed >> 40) % 4 == 0 ? doc : nullptr;
    doc = yaml::parse(std::move(text), std::move(doc));
    if (doc->spliced() && !testing::sameYamlTree(*doc, *yaml::parse(doc->text()))) __builtin_trap();
    seed = fuzz::nextSeed(seed);
  }
  return 0;
}
