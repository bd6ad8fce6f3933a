#include <bits/stdc++.h>
using namespace std;

// Wrong: the sieve forgets that 1 is not prime.
int main() {
    const int LIMIT = 1000000;
    vector<bool> composite(LIMIT + 1, false);
    vector<int> cnt(LIMIT + 1, 0);
    for (long long i = 2; i * i <= LIMIT; i++)
        if (!composite[i])
            for (long long j = i * i; j <= LIMIT; j += i) composite[j] = true;
    for (int i = 1; i <= LIMIT; i++) cnt[i] = cnt[i - 1] + (composite[i] ? 0 : 1);
    int q, n;
    scanf("%d", &q);
    while (q--) {
        scanf("%d", &n);
        printf("%d\n", cnt[n]);
    }
    return 0;
}
