import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    h = list(map(int, data[1:1 + n]))
    h.append(0)  # a zero bar at the end flushes the stack
    stack = []   # indices of bars with increasing heights
    best = 0
    for i, x in enumerate(h):
        while stack and h[stack[-1]] >= x:
            top = stack.pop()
            # bar `top` extends from its left neighbour on the stack to i - 1
            left = stack[-1] + 1 if stack else 0
            area = h[top] * (i - left)
            if area > best:
                best = area
        stack.append(i)
    print(best)


main()
