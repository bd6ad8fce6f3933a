#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    cin >> n >> k;
    vector<int> dp(k + 1, 0);  // dp[c] = best value with total weight <= c
    for (int i = 0; i < n; i++) {
        int w, v;
        cin >> w >> v;
        // downwards, so that every item is used at most once
        for (int c = k; c >= w; c--) dp[c] = max(dp[c], dp[c - w] + v);
    }
    cout << dp[k] << '\n';
    return 0;
}
