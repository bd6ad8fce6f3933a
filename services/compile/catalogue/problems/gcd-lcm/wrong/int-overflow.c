#include <stdio.h>

/* Wrong: a * b overflows a 32-bit int before the division. */
int gcd(int a, int b) { return b ? gcd(b, a % b) : a; }

int main(void) {
    int t;
    scanf("%d", &t);
    while (t--) {
        int a, b;
        scanf("%d %d", &a, &b);
        int g = gcd(a, b);
        printf("%d %d\n", g, a * b / g);
    }
    return 0;
}
