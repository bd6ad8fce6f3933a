#include <bits/stdc++.h>
using namespace std;

int main() {
    int k, n;
    cin >> k >> n;
    vector<long long> cables(k);
    for (auto& c : cables) cin >> c;
    long long lo = 1, hi = *max_element(cables.begin(), cables.end());
    while (lo < hi) {  // the answer lies in [lo, hi]
        long long mid = (lo + hi + 1) / 2;
        long long count = 0;
        for (long long c : cables) count += c / mid;
        if (count >= n) lo = mid;
        else hi = mid - 1;
    }
    cout << lo << '\n';
    return 0;
}
