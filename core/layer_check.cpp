// SPDX-License-Identifier: GPL-3.0-or-later
// Linked against one core layer (whole archive) and the layers it may use, nothing else: a call
// from a lower layer into a higher one leaves an undefined symbol and fails the build.
int main() {
    return 0;
}
