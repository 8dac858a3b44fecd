"""The Qt window. The only package of khdesk that imports Qt."""
