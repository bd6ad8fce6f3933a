import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = list(map(int, data[1:1 + n]))
    answer = [-1] * n
    stack = []  # indices still waiting for a greater element
    for i, x in enumerate(a):
        while stack and a[stack[-1]] < x:
            answer[stack.pop()] = x
        stack.append(i)
    print(" ".join(map(str, answer)))


main()
