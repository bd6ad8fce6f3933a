#include <stdio.h>

static long long h[100001];
static int stack[100001];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%lld", &h[i]);
    h[n] = 0;  /* flushes the stack */
    int top = 0;  /* indices of bars with increasing heights */
    long long best = 0;
    for (int i = 0; i <= n; i++) {
        while (top > 0 && h[stack[top - 1]] >= h[i]) {
            long long height = h[stack[--top]];
            int left = top > 0 ? stack[top - 1] + 1 : 0;
            if (height * (i - left) > best) best = height * (i - left);
        }
        stack[top++] = i;
    }
    printf("%lld\n", best);
    return 0;
}
