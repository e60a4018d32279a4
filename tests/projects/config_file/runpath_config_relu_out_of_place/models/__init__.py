from .heads import HeadedNet
