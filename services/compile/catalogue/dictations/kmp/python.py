def build_fail(p):
    fail = [0] * len(p)
    k = 0
    for i in range(1, len(p)):
        while k > 0 and p[i] != p[k]:
            k = fail[k - 1]
        if p[i] == p[k]:
            k += 1
        fail[i] = k
    return fail


def kmp_search(text, p):
    fail = build_fail(p)
    found = []
    k = 0
    for i, c in enumerate(text):
        while k > 0 and c != p[k]:
            k = fail[k - 1]
        if c == p[k]:
            k += 1
        if k == len(p):
            found.append(i - len(p) + 1)
            k = fail[k - 1]
    return found


def main():
    print("found at:", *kmp_search("abababcabab", "abab"))


if __name__ == "__main__":
    main()
