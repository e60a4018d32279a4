from .wavernn import WaveRNN

__all__ = ["WaveRNN"]
