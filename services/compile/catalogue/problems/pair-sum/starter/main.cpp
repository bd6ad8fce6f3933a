#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, x;
    cin >> n;
    vector<int> a(n);
    for (auto& v : a) cin >> v;
    cin >> x;
    // TODO: print the number of pairs
    return 0;
}
