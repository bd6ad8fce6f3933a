#include <stdio.h>
#include <string.h>

static char t[500005], p[500005];

int main(void) {
    if (scanf("%500000s %500000s", t, p) != 2) return 0;
    /* TODO: print the number of occurrences of p in t */
    return 0;
}
