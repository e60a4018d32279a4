from .multi_label_head import MultiLabelHead

__all__ = ["MultiLabelHead"]
