"""Writes the hidden tests of balanced-brackets (deterministic)."""
import os
import random

random.seed(9012)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")
PAIRS = ["()", "[]", "{}"]


def balanced(n):
    """A random balanced string of length 2n."""
    out, stack = [], []
    opened = 0
    while len(out) < 2 * n:
        if opened < n and (not stack or random.random() < 0.5):
            p = random.choice(PAIRS)
            out.append(p[0])
            stack.append(p[1])
            opened += 1
        else:
            out.append(stack.pop())
    return "".join(out)


def corrupt(s):
    i = random.randrange(len(s))
    return s[:i] + random.choice("()[]{}".replace(s[i], "")) + s[i + 1:]


def nested(n):
    return "".join(random.choice("([{") for _ in range(n))


def close(prefix):
    m = {"(": ")", "[": "]", "{": "}"}
    return prefix + "".join(m[c] for c in reversed(prefix))


deep = nested(50000)
tests = [
    ["("],
    [")"],
    ["()", "[]", "{}", "(]", "[}", "{)"],
    ["([)]", "([]", "([])", "(([]){})", "}{"],
    [balanced(random.randint(1, 10)) for _ in range(500)],
    [corrupt(balanced(random.randint(1, 10))) for _ in range(500)],
    [close(deep), close(deep)[:-1] + "}", deep + deep],
    ["()" * 50000, "(" * 50000 + ")" * 50000, ")" + "()" * 49999 + "("],
    [balanced(50000), corrupt(balanced(50000)), balanced(50000)[1:] + "("],
    [balanced(random.randint(1, 150)) if random.random() < 0.5
     else corrupt(balanced(random.randint(1, 150))) for _ in range(1000)],
    ["[" * 99999 + "]", "{" * 100000],
]
for i, t in enumerate(tests, 1):
    with open(os.path.join(HERE, "%02d.in" % i), "w") as f:
        f.write("%d\n" % len(t))
        f.write("".join(s + "\n" for s in t))
