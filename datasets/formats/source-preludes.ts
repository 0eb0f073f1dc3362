/**
 * The imports each source's own tester puts in front of a function-mode (LeetCode-style) solution.
 * Starter code annotates with `List[int]` and reference solutions call `heappush`, `bisect_left`,
 * `inf`... without importing them, because the sources' testers run every solution after such a
 * prelude. A problem records its source's prelude (`Problem.prelude`); the judge runs it before the
 * candidate's code and before the tests (see README, "Preludes per source"). The same testers put
 * it before stdin/stdout programs too (LiveCodeBench's `make_function`, TACO's
 * `synthesize_std_code`), so Python stdio programs of these sources get it as well.
 *
 * Each list names the same modules and names as the tester it follows (a fact about that tester,
 * written out here). numpy and pandas, which some testers import, are imported only where the
 * sandbox's Python has them, so that a missing optional library never turns every answer into RE.
 */

/** Where a prelude comes from, for the README table and the problem viewer. */
export type PreludeSource = "livecodebench" | "taco" | "rllm" | "rllm-leetcode";

const OPTIONAL_NUMPY = "try:\n    import numpy as np\nexcept ImportError:\n    pass\n";
const OPTIONAL_PANDAS = "try:\n    import pandas as pd\nexcept ImportError:\n    pass\n";

/** LiveCodeBench `lcb_runner/evaluation/testing_util.py`, `import_string` (call-based and stdin code). */
const LIVECODEBENCH = [
  ...["string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math", "random", "statistics"].map((m) => `from ${m} import *`),
  ...["itertools", "functools", "operator", "io", "sys", "json", "builtins", "typing"].map((m) => `from ${m} import *`),
  "import string, re, datetime, collections, heapq, bisect, copy, math, random, statistics",
  "import itertools, functools, operator, io, sys, json",
  "sys.setrecursionlimit(50000)",
  "",
].join("\n");

/** TACO `testing_util.py` (also rllm `rewards/code_utils/taco.py`), the lines before call-based code. */
const TACO = [
  "import sys",
  "import time",
  "import itertools",
  "from itertools import accumulate, product, permutations, combinations",
  "import collections",
  "from collections import Counter, OrderedDict, deque, defaultdict, ChainMap",
  "from functools import lru_cache",
  "import math",
  "from math import sqrt, sin, cos, tan, ceil, fabs, floor, gcd, exp, log, log2",
  "import fractions",
  "from typing import List, Tuple",
  OPTIONAL_NUMPY.trimEnd(),
  "import random",
  "import heapq",
  "from heapq import *",
  "",
].join("\n");

/** rllm `rewards/code_utils/utils.py`, BASE_IMPORTS (rllm's LiveCodeBench tester uses it as its `import_string`). */
const RLLM = [
  "from itertools import accumulate, chain, combinations, count, permutations, product, groupby, islice, repeat",
  "from copy import deepcopy",
  "from string import ascii_lowercase, ascii_uppercase",
  "from math import floor, log2, log10, sqrt, comb, gcd, ceil, inf, isqrt, factorial, atan2, pi",
  "from collections import defaultdict, deque, Counter",
  "from bisect import bisect, bisect_left, bisect_right, insort",
  "from heapq import heappush, heappop, heapify, merge, nlargest, nsmallest, heapreplace",
  "from functools import reduce, cache, lru_cache, cmp_to_key",
  "from random import randrange, shuffle",
  "from operator import itemgetter, sub, xor, or_",
  "from re import search as re_search",
  "from os.path import commonprefix",
  "from typing import List, Tuple, Dict, Set, Optional, Union, Any, Callable, Iterable, Iterator, Generator, Deque",
  "import copy, string, math, collections, bisect, heapq, functools, random, itertools, operator, re, datetime",
  "from time import time",
  OPTIONAL_NUMPY.trimEnd(),
  OPTIONAL_PANDAS.trimEnd(),
  "from math import log, prod",
  "from collections import OrderedDict",
  "from itertools import zip_longest, cycle, pairwise",
  "from functools import partial",
  "from operator import iand",
  "import sys",
  "import io, os",
  "",
].join("\n");

/** rllm's leetcode tester (`firejail_exec.py`): BASE_IMPORTS, then the LeetCode helper types (BASE_LEETCODE_IMPORTS). */
const RLLM_LEETCODE = [
  RLLM,
  "class ListNode:",
  "    def __init__(self, val=0, next=None):",
  "        self.val = val",
  "        self.next = next",
  "",
  "def list_node(values):",
  "    head = None",
  "    for value in reversed(list(values)):",
  "        head = ListNode(value, head)",
  "    return head",
  "",
  "def is_same_list(a, b):",
  "    while a is not None and b is not None:",
  "        if a.val != b.val:",
  "            return False",
  "        a, b = a.next, b.next",
  "    return a is None and b is None",
  "",
  "class TreeNode:",
  "    def __init__(self, val=0, left=None, right=None):",
  "        self.val = val",
  "        self.left = left",
  "        self.right = right",
  "",
  "def tree_node(values):",
  "    # Level order with None for missing children, as LeetCode writes trees.",
  "    values = list(values)",
  "    if not values or values[0] is None:",
  "        return None",
  "    root = TreeNode(values[0])",
  "    level, i = deque([root]), 1",
  "    while level and i < len(values):",
  "        node = level.popleft()",
  "        for side in ('left', 'right'):",
  "            if i < len(values) and values[i] is not None:",
  "                child = TreeNode(values[i])",
  "                setattr(node, side, child)",
  "                level.append(child)",
  "            i += 1",
  "    return root",
  "",
  "def is_same_tree(p, q):",
  "    if p is None or q is None:",
  "        return p is q",
  "    return p.val == q.val and is_same_tree(p.left, q.left) and is_same_tree(p.right, q.right)",
  "",
].join("\n");

const PRELUDES: Readonly<Record<PreludeSource, string>> = {
  livecodebench: LIVECODEBENCH,
  taco: TACO,
  rllm: RLLM,
  "rllm-leetcode": RLLM_LEETCODE,
};

/** The prelude the named source's tester runs before a function-mode solution. */
export function preludeFor(source: PreludeSource): string {
  return PRELUDES[source];
}

/** Starter code as the solution prefix (a bare continuation is joined to it); undefined when there is none. */
export function prefixForStarterCode(starterCode: string | null | undefined): string | undefined {
  if (!starterCode?.trim()) return undefined;
  return starterCode;
}
