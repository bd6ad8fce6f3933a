#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    // TODO: print the number of tilings modulo 10007
    return 0;
}
