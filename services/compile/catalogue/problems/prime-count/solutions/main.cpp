#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    const int LIMIT = 1000000;
    vector<bool> composite(LIMIT + 1, false);
    vector<int> cnt(LIMIT + 1, 0);
    for (long long i = 2; i * i <= LIMIT; i++) {
        if (!composite[i]) {
            for (long long j = i * i; j <= LIMIT; j += i) composite[j] = true;
        }
    }
    for (int i = 2; i <= LIMIT; i++) cnt[i] = cnt[i - 1] + (composite[i] ? 0 : 1);
    int q;
    cin >> q;
    while (q--) {
        int n;
        cin >> n;
        cout << cnt[n] << '\n';
    }
    return 0;
}
