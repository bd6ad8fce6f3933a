#include <bits/stdc++.h>
using namespace std;

// Wrong: compares x only, so points with equal x stay in input order.
int main() {
    int n;
    scanf("%d", &n);
    vector<pair<int, int>> p(n);
    for (auto& [x, y] : p) scanf("%d %d", &x, &y);
    stable_sort(p.begin(), p.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (auto& [x, y] : p) printf("%d %d\n", x, y);
    return 0;
}
