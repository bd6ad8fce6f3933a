#include <iostream>
#include <vector>

int binarySearch(const std::vector<int>& arr, int target) {
    int lo = 0;
    int hi = static_cast<int>(arr.size()) - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (arr[mid] == target) {
            return mid;
        }
        if (arr[mid] < target) {
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return -1;
}

int main() {
    std::vector<int> arr = {1, 3, 5, 7, 9, 11, 13, 15};
    std::cout << "index of 9: " << binarySearch(arr, 9) << "\n";
    std::cout << "index of 4: " << binarySearch(arr, 4) << "\n";
    return 0;
}
