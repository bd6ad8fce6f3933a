#include <bits/stdc++.h>
using namespace std;

// Wrong: ties on the end time keep input order, so (2,2) may come
// before (1,2) and block it.
int main() {
    int n;
    scanf("%d", &n);
    vector<pair<int, int>> m(n);
    for (auto& [s, e] : m) scanf("%d %d", &s, &e);
    stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.second < b.second; });
    int count = 0;
    long long lastEnd = -1;
    for (auto& [s, e] : m) {
        if (s >= lastEnd) {
            count++;
            lastEnd = e;
        }
    }
    printf("%d\n", count);
    return 0;
}
