"""optable"""
