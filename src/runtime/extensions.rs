//! State that the layers above the evaluator keep per interpreter, found
//! by its type: the log streams, the files scripts opened, the trace
//! being read. Built-ins reach it through their host (`Host::extensions`),
//! so nothing of a run lives in globals or thread-locals, and two
//! interpreters in one thread (the tests, the REPL's snapshots) never
//! share it. A handful of entries at most, so a linear search by type id
//! is as fast as any map.

use std::any::{Any, TypeId};

#[derive(Default)]
pub struct Extensions {
    entries: Vec<(TypeId, Box<dyn Any>)>,
}

impl Extensions {
    /// The entry of type `T`, if one was added.
    pub fn get<T: Any>(&self) -> Option<&T> {
        let id = TypeId::of::<T>();
        self.entries
            .iter()
            .find(|(t, _)| *t == id)
            .and_then(|(_, v)| v.downcast_ref())
    }

    /// The entry of type `T` to change, if one was added.
    pub fn get_mut<T: Any>(&mut self) -> Option<&mut T> {
        let id = TypeId::of::<T>();
        self.entries
            .iter_mut()
            .find(|(t, _)| *t == id)
            .and_then(|(_, v)| v.downcast_mut())
    }

    /// The entry of type `T`, made with its default the first time.
    pub fn get_or_default<T: Any + Default>(&mut self) -> &mut T {
        let id = TypeId::of::<T>();
        let i = match self.entries.iter().position(|(t, _)| *t == id) {
            Some(i) => i,
            None => {
                self.entries.push((id, Box::new(T::default())));
                self.entries.len() - 1
            }
        };
        match self.entries[i].1.downcast_mut() {
            Some(v) => v,
            None => unreachable!("entries are stored under their own type id"),
        }
    }

    /// Adds (or replaces) the entry of type `T`, returning the old one.
    pub fn insert<T: Any>(&mut self, value: T) -> Option<T> {
        let old = self.remove::<T>();
        self.entries.push((TypeId::of::<T>(), Box::new(value)));
        old
    }

    /// Takes the entry of type `T` out.
    pub fn remove<T: Any>(&mut self) -> Option<T> {
        let id = TypeId::of::<T>();
        let i = self.entries.iter().position(|(t, _)| *t == id)?;
        self.entries.remove(i).1.downcast().ok().map(|b| *b)
    }

    /// Drops every entry, newest first (what a log stream or a file does
    /// when dropped happens now, before an exit that runs no destructors).
    pub fn clear(&mut self) {
        while self.entries.pop().is_some() {}
    }
}

#[cfg(test)]
mod tests {
    use super::Extensions;

    #[derive(Default, Debug, PartialEq)]
    struct Counter(u32);

    #[test]
    fn entries_by_type() {
        let mut x = Extensions::default();
        assert!(x.get::<Counter>().is_none());
        x.get_or_default::<Counter>().0 += 2;
        x.get_or_default::<Counter>().0 += 1;
        assert_eq!(x.get::<Counter>(), Some(&Counter(3)));
        x.insert(String::from("trace.pcap"));
        assert_eq!(x.insert(Counter(9)), Some(Counter(3)));
        assert_eq!(x.get_mut::<String>().map(|s| s.len()), Some(10));
        assert_eq!(x.remove::<Counter>(), Some(Counter(9)));
        assert!(x.get::<Counter>().is_none());
    }
}
