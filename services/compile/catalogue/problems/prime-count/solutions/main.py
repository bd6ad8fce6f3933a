import sys
from itertools import accumulate

LIMIT = 10 ** 6


def main():
    data = sys.stdin.buffer.read().split()
    q = int(data[0])
    sieve = bytearray([1]) * (LIMIT + 1)
    sieve[0] = sieve[1] = 0
    i = 2
    while i * i <= LIMIT:
        if sieve[i]:
            sieve[i * i::i] = bytes(len(range(i * i, LIMIT + 1, i)))
        i += 1
    count = list(accumulate(sieve))
    print("\n".join(str(count[int(x)]) for x in data[1:1 + q]))


main()
