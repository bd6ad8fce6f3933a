#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<int> a(n), answer(n, -1);
    for (auto& v : a) cin >> v;
    // TODO: fill answer and print it
    return 0;
}
