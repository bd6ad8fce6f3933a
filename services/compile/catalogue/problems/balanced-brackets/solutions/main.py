import sys

MATCH = {")": "(", "]": "[", "}": "{"}


def balanced(s):
    stack = []
    for c in s:
        if c in MATCH:
            if not stack or stack.pop() != MATCH[c]:
                return False
        else:
            stack.append(c)
    return not stack


def main():
    lines = sys.stdin.read().split()
    t = int(lines[0])
    print("\n".join("YES" if balanced(s) else "NO" for s in lines[1:1 + t]))


main()
