"""Quick Connect: QR codes new acquaintances scan to add themselves."""
