#include "bounds/nearest_sources.hpp"

#include <algorithm>

namespace cnnplace {
namespace {

// Min-heap order with a total tie order (source, then node): the same run on every machine.
struct Later {
  template <class L>
  bool operator()(const L& a, const L& b) const {
    if (a.key != b.key) return a.key > b.key;
    if (a.source != b.source) return a.source > b.source;
    return a.node > b.node;
  }
};

}  // namespace

NearestSources::NearestSources(const Problem& p) : p_(&p) {
  const std::size_t nodes = p.node_unit.size();
  settled_.assign(nodes, 0);
  wanted_answers_.assign(nodes, 0);
  found_.assign(nodes, 0);
}

void NearestSources::run(double w, const std::vector<int>& sources, const std::vector<double>& value,
                         const std::vector<int>& targets, std::vector<int>& best, int answers) {
  const Problem& p = *p_;
  answers_ = answers;
  cap_ = answers + 1;
  sources_.resize(settled_.size() * cap_);
  std::fill(settled_.begin(), settled_.end(), 0);
  std::fill(wanted_answers_.begin(), wanted_answers_.end(), 0);
  std::fill(found_.begin(), found_.end(), 0);
  for (int i : targets) {
    std::fill_n(best.begin() + static_cast<std::ptrdiff_t>(i) * answers, answers, -1);
    wanted_answers_[p.unit_node[i]] = answers;
  }
  open_ = targets.size();
  if (p.uniform_hop_seconds_per_byte > 0) {
    run_uniform(w, sources, value, best);
  } else {
    run_heap(w, sources, value, best);
  }
}

// Settles label l at its node if it is one of the node's cap_ best distinct sources;
// returns false when the label is redundant.
bool NearestSources::settle(const Label& l, std::vector<int>& best) {
  const Problem& p = *p_;
  const int v = l.node;
  if (!wanted(v, l.source)) return false;
  sources_[static_cast<std::size_t>(v) * cap_ + settled_[v]++] = l.source;
  const int unit = p.node_unit[v];
  if (unit >= 0 && wanted_answers_[v] > 0 && l.source != unit) {
    best[static_cast<std::size_t>(unit) * answers_ + found_[v]++] = l.source;
    if (--wanted_answers_[v] == 0) --open_;
  }
  return true;
}

bool NearestSources::wanted(int x, int source) const {
  if (settled_[x] == cap_) return false;
  const int* s = &sources_[static_cast<std::size_t>(x) * cap_];
  for (int a = 0; a < settled_[x]; ++a)
    if (s[a] == source) return false;
  return true;
}

// General link times: Dijkstra with a binary heap.
void NearestSources::run_heap(double w, const std::vector<int>& sources, const std::vector<double>& value,
                              std::vector<int>& best) {
  const Problem& p = *p_;
  heap_.clear();
  for (int k : sources) heap_.push_back({value[k], 0.0, p.unit_node[k], k});
  std::make_heap(heap_.begin(), heap_.end(), Later{});
  while (!heap_.empty() && open_ > 0) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const Label l = heap_.back();
    heap_.pop_back();
    if (!settle(l, best)) continue;
    for (int a = p.in_begin[l.node]; a < p.in_begin[l.node + 1]; ++a) {
      const int x = p.in_tail[a];
      if (!wanted(x, l.source)) continue;
      const double dist = l.dist + p.arc_seconds_per_byte[a];
      heap_.push_back({value[l.source] + w * dist, dist, x, l.source});
      std::push_heap(heap_.begin(), heap_.end(), Later{});
    }
  }
}

// One rate on every link (the paper): every hop adds the same w * seconds per byte, so
// labels made in the order they are settled come out in key order. The sources sorted
// once and a FIFO of grown labels, merged at their heads, replace the heap: O(S log S + E).
void NearestSources::run_uniform(double w, const std::vector<int>& sources, const std::vector<double>& value,
                                 std::vector<int>& best) {
  const Problem& p = *p_;
  const double hop = p.uniform_hop_seconds_per_byte;
  heap_.clear();
  for (int k : sources) heap_.push_back({value[k], 0.0, p.unit_node[k], k});
  std::sort(heap_.begin(), heap_.end(), [](const Label& a, const Label& b) { return Later{}(b, a); });
  fifo_.clear();
  last_pushed_.assign(settled_.size(), -1);
  std::size_t next_source = 0, head = 0;
  while (open_ > 0 && (next_source < heap_.size() || head < fifo_.size())) {
    const bool from_sources = head == fifo_.size() ||
                              (next_source < heap_.size() && !Later{}(heap_[next_source], fifo_[head]));
    const Label l = from_sources ? heap_[next_source++] : fifo_[head++];
    if (!settle(l, best)) continue;
    const double dist = l.dist + hop;
    const double key = value[l.source] + w * dist;
    for (int a = p.in_begin[l.node]; a < p.in_begin[l.node + 1]; ++a) {
      const int x = p.in_tail[a];
      if (last_pushed_[x] == l.source || !wanted(x, l.source)) continue;  // queued already, or not wanted
      fifo_.push_back({key, dist, x, l.source});
      last_pushed_[x] = l.source;
    }
  }
}

}  // namespace cnnplace
