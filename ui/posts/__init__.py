"""The 设岗定责 tab and its dialogs."""
