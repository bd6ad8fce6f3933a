#include <stdio.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    /* TODO: print the number of tilings modulo 10007 */
    return 0;
}
