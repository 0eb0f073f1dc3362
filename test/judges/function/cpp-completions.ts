/** Correct completion bodies of MultiPL-E C++ rows, shared by the local and WASM function-mode tests. */
export const CORRECT: Record<string, string> = {
  HumanEval_53_add: "    return x + y;",
  mbpp_904_is_Even: "    return n % 2 == 0;",
  HumanEval_0_has_close_elements: `    for (size_t i = 0; i < numbers.size(); i++)
        for (size_t j = i + 1; j < numbers.size(); j++)
            if (std::fabs(numbers[i] - numbers[j]) < threshold) return true;
    return false;`,
  HumanEval_101_words_string: `    std::vector<std::string> out; std::string cur;
    for (char c : s) {
        if (c == ',' || c == ' ') { if (!cur.empty()) out.push_back(cur); cur.clear(); }
        else cur += c;
    }
    if (!cur.empty()) out.push_back(cur);
    return out;`,
  HumanEval_107_even_odd_palindrome: `    long even = 0, odd = 0;
    for (long i = 1; i <= n; i++) {
        std::string s = std::to_string(i);
        if (s == std::string(s.rbegin(), s.rend())) (i % 2 == 0 ? even : odd)++;
    }
    return std::make_tuple(even, odd);`,
  HumanEval_22_filter_integers: `    std::vector<long> out;
    for (auto& v : values) if (v.type() == typeid(int)) out.push_back(std::any_cast<int>(v));
    return out;`,
  HumanEval_12_longest: `    if (strings.empty()) return std::nullopt;
    std::string best = strings[0];
    for (auto& s : strings) if (s.size() > best.size()) best = s;
    return best;`,
  HumanEval_103_rounded_avg: `    if (n > m) return -1;
    long avg = (long)std::nearbyint((n + m) / 2.0); // rounds half to even, like Python's round
    std::string bits;
    do { bits = char('0' + avg % 2) + bits; avg /= 2; } while (avg > 0);
    return std::string("0b") + bits;`,
  // MultiPL-E renamed this function (strlen is a C library name): the tests call string_length.
  HumanEval_23_strlen: "    return string.size();",
  mbpp_104_sort_sublists: "    for (auto& l : input_list) std::sort(l.begin(), l.end());\n    return input_list;",
  mbpp_105_count: "    return std::count(lst.begin(), lst.end(), true);",
  mbpp_106_add_lists: "    return std::make_tuple(std::get<0>(test_tup), std::get<1>(test_tup), test_list[0], test_list[1], test_list[2]);",
  mbpp_117_list_to_float: `    std::vector<std::tuple<float, float>> out;
    for (auto& [a, b] : test_list) out.emplace_back(std::stof(a), std::stof(b));
    return out;`,
  HumanEval_111_histogram: `    std::map<std::string, long> count; std::stringstream ss(test); std::string w; long top = 0;
    while (ss >> w) top = std::max(top, ++count[w]);
    std::map<std::string, long> out;
    for (auto& kv : count) if (kv.second == top) out.insert(kv);
    return out;`,
};
