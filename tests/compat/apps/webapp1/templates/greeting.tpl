{% args name %}Hello, {{ name }}!
