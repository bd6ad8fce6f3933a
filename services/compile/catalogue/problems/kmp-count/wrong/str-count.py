# Wrong: str.count does not count overlapping occurrences.
t = input().strip()
p = input().strip()
print(t.count(p))
