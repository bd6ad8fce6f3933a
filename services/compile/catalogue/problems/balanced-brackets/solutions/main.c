#include <stdio.h>
#include <string.h>

static char s[100005];
static char stack[100005];

static int balanced(const char* s) {
    int top = 0;
    for (int i = 0; s[i]; i++) {
        char c = s[i];
        if (c == '(' || c == '[' || c == '{') {
            stack[top++] = c;
        } else {
            char open = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (top == 0 || stack[--top] != open) return 0;
        }
    }
    return top == 0;
}

int main(void) {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        scanf("%100000s", s);
        puts(balanced(s) ? "YES" : "NO");
    }
    return 0;
}
