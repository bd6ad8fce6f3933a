import sys

# Too slow: list.count scans all N words for every distinct word.
data = sys.stdin.buffer.read().split()
n = int(data[0])
words = [w.decode() for w in data[1:1 + n]]
seen = []
for w in words:
    if w not in seen:
        seen.append(w)
items = sorted(((words.count(w), w) for w in seen), key=lambda t: (-t[0], t[1]))
print("\n".join("%s %d" % (w, c) for c, w in items))
