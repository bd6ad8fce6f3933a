#include <stdio.h>

/* Wrong: takes the remainder only at the end; long long overflows
   long before n = 1000 (the count is a Fibonacci number). */
int main(void) {
    int n;
    scanf("%d", &n);
    long long a = 1, b = 1;
    for (int i = 2; i <= n; i++) {
        long long c = a + b;
        a = b;
        b = c;
    }
    printf("%lld\n", b % 10007);
    return 0;
}
