#include <bits/stdc++.h>
using namespace std;

// Wrong: looks up x - a[i] for every i, so each pair is counted twice
// (and a[i] + a[i] = x is counted as a pair).
int main() {
    int n, x;
    scanf("%d", &n);
    vector<int> a(n);
    for (auto& v : a) scanf("%d", &v);
    scanf("%d", &x);
    unordered_set<int> seen(a.begin(), a.end());
    int count = 0;
    for (int v : a)
        if (seen.count(x - v)) count++;
    printf("%d\n", count);
    return 0;
}
