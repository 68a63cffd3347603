-- What is still missing before an SKP can be submitted (domain FieldErrors as
-- JSON), computed when the SKP is written, so a read serves the stored JSON
-- without parsing the document. NULL on rows written before this migration:
-- those are read the slow way (parsed) until their next write.
ALTER TABLE skp ADD COLUMN kelengkapan TEXT;
