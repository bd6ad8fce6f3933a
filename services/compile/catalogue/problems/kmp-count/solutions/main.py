import sys


def main():
    t, p = sys.stdin.read().split()
    m = len(p)
    # fail[i] = length of the longest proper border of p[:i + 1]
    fail = [0] * m
    k = 0
    for i in range(1, m):
        while k and p[i] != p[k]:
            k = fail[k - 1]
        if p[i] == p[k]:
            k += 1
        fail[i] = k
    count = 0
    k = 0
    for c in t:
        while k and c != p[k]:
            k = fail[k - 1]
        if c == p[k]:
            k += 1
            if k == m:
                count += 1
                k = fail[k - 1]
    print(count)


main()
