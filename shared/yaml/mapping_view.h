#pragma once
// Reading a mapping the way Dalec's decoder does: aliases resolved, and keys brought in by
// `<<: *anchor` merge keys added after the mapping's own keys (own keys win).
#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "yaml/node.h"

namespace dalec::yaml {

struct Entry {
  const Node* key = nullptr;
  const Node* value = nullptr;  // as written: may be an alias
  bool merged = false;          // came from a `<<` merge
};

// The entries of a mapping. Most mappings have no merge key, and their entries are their own pairs,
// read where they are. This runs for every mapping that the schema walk and the model visit (twice
// per analysed version), and a list for each was a tenth of an analysis's allocations. Only a
// mapping with `<<` gathers its entries, merged ones included, into a list of its own.
class Entries {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Entry;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Entry;

    Entry operator*() const { return pair_ ? Entry{pair_->key, pair_->value, false} : *entry_; }
    iterator& operator++() {
      if (pair_) {
        pair_ = skipKeyless(pair_ + 1, pairsEnd_);
        if (pair_ == pairsEnd_) *this = iterator();  // the end, whichever kind of list it was
      } else {
        ++entry_;
      }
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const iterator& other) const { return pair_ == other.pair_ && entry_ == other.entry_; }
    bool operator!=(const iterator& other) const { return !(*this == other); }

   private:
    friend class Entries;
    // A pair without a key is no entry (as when the entries are gathered).
    static const Pair* skipKeyless(const Pair* at, const Pair* end) {
      while (at != end && !at->key) ++at;
      return at;
    }
    const Pair* pair_ = nullptr;  // reading pairs in place; else entry_
    const Pair* pairsEnd_ = nullptr;
    const Entry* entry_ = nullptr;
  };

  Entries() = default;
  explicit Entries(const std::vector<Pair>& pairs) : pairs_(pairs.data()), pairsEnd_(pairs.data() + pairs.size()) {}
  explicit Entries(std::vector<Entry> gathered) : gathered_(std::move(gathered)) {}

  iterator begin() const {
    iterator it;
    if (pairs_) {
      it.pair_ = iterator::skipKeyless(pairs_, pairsEnd_);
      it.pairsEnd_ = pairsEnd_;
      if (it.pair_ == pairsEnd_) it = iterator();
    } else {
      it.entry_ = gathered_.data();
      if (gathered_.empty()) it = end();
    }
    return it;
  }
  // Pairs read in place end at the empty iterator; a gathered list past its last entry.
  iterator end() const {
    iterator it;
    if (!pairs_) it.entry_ = gathered_.data() + gathered_.size();
    return it;
  }
  bool empty() const { return begin() == end(); }
  std::size_t size() const { return static_cast<std::size_t>(std::distance(begin(), end())); }
  Entry front() const { return *begin(); }
  Entry operator[](std::size_t index) const { return *std::next(begin(), static_cast<std::ptrdiff_t>(index)); }

 private:
  const Pair* pairs_ = nullptr;
  const Pair* pairsEnd_ = nullptr;
  std::vector<Entry> gathered_;
};

// Entries of a mapping node (after resolving aliases); empty for anything else.
Entries entries(const Node* node);
// The value of `key`, or null when absent.
const Node* lookup(const Node* mapping, std::string_view key);
std::optional<Entry> findEntry(const Entries& entries, std::string_view key);

}  // namespace dalec::yaml
