import { useEffect, useRef } from 'react';
import { photoKey, type PhotoEntry } from '../stores/directory/photosSlice';
import { useDirectoryStore } from '../stores/directory/directoryStore';
import { initialsOf } from './initials';

interface AvatarProps {
  userId: string;
  photoVersion: string | null;
  /** Display name or email address, for the initials. */
  name: string;
  size?: 'small' | 'large';
  /** A `blob:` URL that replaces the stored photo, such as a new upload. */
  previewUrl?: string | null;
}

/**
 * Shows a person's photo, loaded when it scrolls into view, or their
 * initials. It is decorative, because the name is always shown next to it.
 */
export function Avatar({
  userId,
  photoVersion,
  name,
  size = 'small',
  previewUrl,
}: AvatarProps) {
  const ref = useRef<HTMLSpanElement>(null);
  const photo = useDirectoryStore((state): PhotoEntry | undefined =>
    photoVersion ? state.photos[photoKey(userId, photoVersion)] : undefined,
  );
  const loadPhoto = useDirectoryStore((state) => state.loadPhoto);

  useEffect(() => {
    const element = ref.current;
    if (!photoVersion || photo || !element) return;

    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        void loadPhoto(userId, photoVersion);
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [userId, photoVersion, photo, loadPhoto]);

  const url = previewUrl ?? (photo?.status === 'loaded' ? photo.url : null);

  return (
    <span ref={ref} className={`avatar avatar-${size}`} aria-hidden="true">
      {url ? <img src={url} alt="" /> : initialsOf(name)}
    </span>
  );
}
