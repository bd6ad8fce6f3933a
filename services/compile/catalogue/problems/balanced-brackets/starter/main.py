import sys

def main():
    lines = sys.stdin.read().split()
    t = int(lines[0])
    out = []
    for s in lines[1:1 + t]:
        pass  # TODO: append "YES" or "NO"
    print("\n".join(out))


main()
