//! Reading article files: walking folders, decoding formats, stripping page furniture.
