#include <bits/stdc++.h>
using namespace std;

int main() {
    int k, n;
    cin >> k >> n;
    vector<long long> cables(k);
    for (auto& c : cables) cin >> c;
    // TODO: print the maximum length
    return 0;
}
