"""The 考核评议 tab."""
