#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, s;
    cin >> n >> s;
    vector<int> a(n);
    for (auto& v : a) cin >> v;
    // TODO: print the minimum length (0 if impossible)
    return 0;
}
